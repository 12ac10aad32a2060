"""The example notebook runs: every cell of docs/examples/standing.ipynb, executed by
nbclient on a kernel of the Python that runs the tests, without an error."""

import json
import sys
import time

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from .helpers import EXAMPLES

NOTEBOOK = EXAMPLES / "standing.ipynb"
#: The most seconds the notebook may take, its kernel's start included.
BUDGET = 60


def kernel_of_this_python(folder):
    """A kernel manager that starts ``python -m ipykernel_launcher`` with this very
    interpreter, from a kernel spec written under ``folder``: no kernel needs to be
    installed, and none installed elsewhere is used."""
    spec = folder / "kernels" / "hubpartner-tests"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec.joinpath("kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "hubpartner tests", "language": "python"}),
        encoding="utf-8",
    )
    specs = KernelSpecManager(kernel_dirs=[str(folder / "kernels")])
    return KernelManager(kernel_name="hubpartner-tests", kernel_spec_manager=specs)


def test_the_notebook_is_kept_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)


def test_the_example_notebook_runs_without_an_error(tmp_path):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    kernel = kernel_of_this_python(tmp_path)
    client = NotebookClient(
        notebook, km=kernel, timeout=BUDGET, resources={"metadata": {"path": str(EXAMPLES)}}
    )
    started = time.monotonic()
    # Raises CellExecutionError on the first cell that fails; cleanup_kc stops the
    # kernel and its channels, which nbclient leaves open for a kernel it was given.
    client.execute(cleanup_kc=True)
    assert time.monotonic() - started < BUDGET
    outputs = [output for cell in notebook.cells for output in cell.get("outputs", [])]
    assert not [output for output in outputs if output.output_type == "error"]
    # the figures were drawn, the views shown as HTML, and the client table listed
    assert any("image/png" in output.get("data", {}) for output in outputs)
    assert any("<table" in output.get("data", {}).get("text/html", "") for output in outputs)
    assert any("Cascade Ltd" in output.get("data", {}).get("text/plain", "") for output in outputs)

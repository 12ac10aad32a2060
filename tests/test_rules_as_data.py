"""Every programme number is data: no number in the package's code is one.

HubSpot's rates, thresholds, days and periods live in the packaged data files
(``src/hubpartner/data/``) and reach the code as values. This test reads every
module of the package and lists each number written in its code (docstrings and
messages are text, not numbers). Each one must be in ``MECHANISM`` below, with the
reason it is arithmetic, a format or a definition rather than a rule HubSpot could
change; a number written anywhere else fails the test, naming file and line.
"""

import ast
from pathlib import Path

import hubpartner

PACKAGE = Path(hubpartner.__file__).parent

NAMED_SCALES = (
    "the named scales NPS (0-10, 0-6, 9-10), CES_7 (1-7, 5-7), CES_5_EFFORT and CSAT_5 "
    "(1-5, 1-2, 4-5): definitions of the metrics, replaceable by a Scale"
)

#: Numbers that may be code, per module, each with the reason.
MECHANISM: dict[str, dict[float, str]] = {
    "*": {
        0: "nothing, the first index, the lower bound of a count",
        1: "one, the next one, the first day of a month",
    },
    "_checks.py": {
        10: "the decimal base of the bounds (10**15, 10**12, 10**6); 10 decimal places of "
        "an amount, a rate or a share, beyond any currency's minor unit",
        15: "|x| < 10**15: every amount, rate, number of points, weight and answer; 15 "
        "digits before the point keep exact arithmetic small",
        12: "10**12 of anything counted, more than any survey or portfolio has and exact as "
        "a float; the months of a year",
        6: "10**6 degrees of freedom of Student's t distribution function (one term per two)",
        100: "decimal places of points (room for the 40 digits of the smallest quotient of "
        "bounded amounts); extra survey questions",
        1000: "partners sharing a client; answers of a scale; digits of an exact value",
        1200: "months of a period or a range: a century",
        36525: "days of a period or a window: a century",
        10000: "characters of a text you give (a review, a response, a name)",
        31: "relativedelta(day=31): the last day of a month",
    },
    "_prices.py": {
        100_000: "the most seats of an offer priced by the seat (MAX_SEATS), a bound on input",
    },
    "_files.py": {
        64: "64 MiB and 64 KiB: a loader's bounds on a file's size and a line's length",
        1024: "a kibibyte: 1024 bytes (and a mebibyte 1024 of them)",
        32: "a block of 32 Ki characters, as a file's lines are read (READ_BLOCK)",
        16: "at most 2**16 (65,536) equal values kept once in one read (MAX_SHARED)",
        40: "the longest encoding name looked up",
        0xDC00: "U+DC00, where Python's surrogateescape puts a byte it cannot decode",
    },
    "_names.py": {
        100: "the longest text looked up as a country's or a currency's name",
        3: "how many codes an unknown name suggests",
        0.6: "difflib's own cutoff of a close match",
        2: "twice as many close names as codes suggested, as names may share a code",
    },
    "cli/__init__.py": {
        2: "the exit status of a refused command line; half a long line",
        3: "the exit status of output that could not be written",
        130: "the exit status after Ctrl-C: 128 + SIGINT, as shells report it",
        400: "the longest message line repeated whole",
    },
    "cli/_output.py": {2: "two spaces between table columns"},
    "cli/_options.py": {
        2: "half of a shortened argument",
        60: "the longest argument an error message repeats whole",
        10: "the largest count an option takes is 10**9",
        9: "the largest count an option takes is 10**9",
    },
    "cli/portfolio.py": {
        2: "the index of the count column of the subscriptions held",
        4: "the index of the MRR column",
        30: "the default window of --renewals-within, which the user names",
    },
    "cli/surveys.py": {
        0.95: "the conventional default confidence level",
        2: "index of the first numeric column; places of the CSAT mean shown",
        100: "a share as a percentage",
    },
    "cli/report.py": {
        2: "column index",
        3: "column index",
        0o666: "a new file's mode before the user's mask narrows it, as open() makes one",
        0o600: "read and write for the file's owner alone",
    },
    "cli/plan.py": {2: "column index", 3: "column index", 4: "column index"},
    "_choose.py": {2: "the third class of action (managed), after 0 and 1"},
    "plan.py": {2: "a window is a pair of days; this year and the next hold a day of the year"},
    "cli/tiers.py": {2: "column index", 3: "column index", 4: "column index"},
    "report.py": {
        3: "the default months of expirations ahead (the issue's 'next 3 months')",
        5: "the default minimum answers under which an NPS group is marked, which the user names",
        12: "the default months of points history, which the user names",
        30: "the default window of renewal alerts, as the clients command's",
        0.95: "the conventional default confidence level",
    },
    "clients.py": {2: "the first two of the currencies named in a message"},
    "decimals.py": {
        2: "twice the remainder, to compare it with a half",
        10: "the decimal base",
        18: "the most places a rounding policy takes",
        20: "digits of headroom when formatting",
        40: "the significant digits of a division",
        5: "the other prime factor of ten (a fraction terminates in decimal)",
    },
    "engagement.py": {
        2: "a (first, last) span has two ends; a median of two middles",
        4096: "the most entries a model's cache keeps, and names whose keys are remembered",
    },
    "markets.py": {1024: "the most written codes whose reading is remembered"},
    "_html.py": {
        2: "a chart's lines are 2 px wide; half a slot; the exact bound's digits",
        3: "a point of a line chart has a 3 px radius; a threshold's dashes are 3 px apart",
        4: "4 px between a text and what it names; a band's point has a 4 px radius",
        5: "an axis is cut into about five steps of 1, 2 or 5 times a power of ten",
        6: "half the 12 px width of a band",
        10: "the decimal base of an axis' steps; a bar is 10 px high",
        14: "an interval bar is 14 px high",
        16: "a label sits 16 px under the plot; the room above it",
        40: "the room under a chart's plot for its labels, in px",
        56: "the room left of a chart's plot for its numbers, in px",
        96: "the room right of a chart's plot for its series' names, in px",
        100: "a bar's width in percent",
        120: "the narrowest chart; a bar's width, in px",
        240: "a chart's height by default, in px",
        480: "a chart's width by default, in px",
        4000: "the widest or highest chart, in px",
        0.15: "the space either side of a bar: 15 % of its slot",
        0.7: "a bar fills 70 % of its slot",
    },
    "_views.py": {
        2: "column index; two decimal places of a fraction and of a CES interval",
        3: "column index",
        4: "column index",
        5: "column index",
        100: "the ends of the NPS (-100 to 100) and CSAT (0 to 100 %) scales: definitions",
    },
    "errors.py": {
        4: "how many shortened names a name a message gives may hold (a path of a few)",
        200: "the most characters of a value a message shows",
        10: "the most items of a list a message names; the decimal base of a long int",
        3: "the nesting of containers a message shows",
        2: "binary digits to decimal digits (log10 2)",
    },
    "ledger.py": {3: "the default horizon of Ledger.expiring, which the caller chooses"},
    "dask.py": {
        2: "a merge takes at least two partial results",
        3: "the months of a quarter",
        4: "the quarters of a year",
        8: "partial results merged at a time by default, as Dask's own reductions do",
        12: "the months of a year",
    },
    "money.py": {
        2: "a count of two chooses a currency's name for several ('svenska kronor')",
        3: "an ISO 4217 code has three letters",
        1024: "the most written codes whose reading is remembered",
    },
    "points.py": {
        2: "sold, managed and total: two more roundings than one, in digits",
        4096: "the most entries a rule set's cache of points factors keeps",
        5: "the other prime factor of ten (a product terminates in decimal)",
        10: "the decimal base: an amount of at most 10 places is plainly bounded",
        60: "the 2s and 5s a factor adds to an amount's places: 33 + 60 < 100 places",
    },
    "plots.py": {
        24: "the width, in days, of a month's bar on a time axis",
        0.2: "how much of its colour a confidence band shows",
        0.35: "how much of its colour the bar of a gap shows",
        0.6: "how much of its colour a bar of expiring points shows",
        **dict.fromkeys((12, 16, 18), "the size of a marker, in points"),
        3: "the default months ahead, as Ledger.expiring's, which the caller chooses",
        6: "the most ticks of a time axis",
        30: "the angle, in degrees, of a time axis's labels",
        0.95: "the conventional default confidence level",
        100: "NPS runs from -100 to 100; a share as a percentage",
        1.0: "the right edge of the axes, in the axes' own coordinates",
    },
    "messages.py": {
        60: "the most digits of a number a message shows whole",
        10: "an int in a message is shown whole below 10**MESSAGE_DIGITS (decimal digits)",
        2: "gettext's plural forms of a catalog whose header does not say (one and other)",
    },
    "present.py": {
        10: "a number in a message is shown whole below 10**MESSAGE_DIGITS (decimal digits)",
        160: "the most characters of a number read from text: 115 digits, marks and sign",
        3: "a comma and three digits read as a thousand in English (1,000)",
        100: "a percentage is a share times a hundred",
        2: "a percentage moves the point two places",
        40: "digits to spare in the context that shows a number",
    },
    "reviews.py": {
        2: "neighbouring letters, compared in pairs by the edit distance",
        3: "the library's correction rule (one edit per three letters; short words)",
        40: "the longest word the correction rule measures letter by letter",
        64: "the width of a profile's index (chunks of its vectors, branches of its maps)",
    },
    "records.py": {
        100: "the most levels plain data and records nest (records.MAX_DEPTH), a bound",
        6: "the decimal places of a float statistic in a record (records.PLACES, documented)",
        330: "digits enough to hold any finite float to those places",
        1000: "the most digits of a number in plain data (records.MAX_DIGITS), a bound",
        10: "the decimal base",
        0.95: "the confidence level of a tally's interval in its record: the library's default",
    },
    "rules.py": {
        2: "MM-DD has two-digit groups; February is the shortest month",
        2001: "a common year, to check that a day of the year exists every year",
        16: "the most packaged rule files kept once read (a bounded cache)",
        100: "the USD 100 that the currency table's amounts are worth",
    },
    "surveys/lifecycle.py": {
        3: "Cadence.QUARTERLY is three months",
        6: "Cadence.SIX_MONTHS is six months",
        12: "Cadence.TWELVE_MONTHS is twelve months",
    },
    "surveys/responses.py": {
        3: "a calendar quarter has three months",
        2: "where the segment stands in a row's moment, answer and segment as written",
        4096: "the answers and moments, as written, a count of a file keeps read",
        32768: "the kinds of rows, as written, a count of a file keeps counted together",
    },
    "surveys/scales.py": {
        2: "a top box is a (first, last) pair",
        **dict.fromkeys((4, 5, 6, 7, 9, 10), NAMED_SCALES),
    },
    "surveys/stats.py": {
        0.5: "the middle of the normal distribution",
        0.95: "the conventional default confidence level",
        2: "two-sided tests and intervals",
        3: "the adjusted-Wald adjustment adds 3 answers (Rocks 2016)",
        4: "... as 3/4 of a promoter and 3/4 of a detractor",
        100: "NPS points per share; the most Newton steps of a t quantile",
        1000: "degrees of freedom from which the Cornish-Fisher expansion alone is as good",
        1e-12: "the relative size of the last Newton step of a t quantile",
        **dict.fromkeys(
            (5, 15, 16, 17, 19, 79, 96, 384, 776, 945, 1482, 1920, 92160),
            "coefficients of the Cornish-Fisher expansion (Abramowitz and Stegun 26.7.5)",
        ),
        200.0: "the range of a difference of two NPS values",
        10000: "NPS points squared per share squared",
    },
    "surveys/tally.py": {
        0.95: "the conventional default confidence level",
        2: "decimal places of a CES shown; a sample variance needs two answers",
        4: "the four sums of a weighted NPS tally",
        100: "a share as a percentage, NPS points per share",
        255: "the largest value a byte holds (counting in C)",
        10: "the decimal base: a weight's denominator has at most MAX_POINT_PLACES digits",
        32: "the scales whose translation tables are kept (a bounded cache)",
        65519: "the largest sum zlib.adler32's low half (1 + sum mod 65521) keeps exact",
        65535: "the mask of adler32's low half (16 bits)",
        64: "the binary places float weights are scaled by, to sum them as ints",
        8: "the widest integer item of a buffer, in bytes; the bits of a byte",
        256: "the values a byte holds: translation tables, the high byte of a square",
        128: "the first byte that is not ASCII: the flag of a code off the scale",
        512: "the most bits of the common denominator Fraction weights are summed over",
        16: "2**16 int weights copied into an unsigned array at once (512 KiB)",
    },
}


def numbers_in(path: Path) -> list[tuple[int, float]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and type(node.value) in (int, float)
    ]


def test_no_programme_number_is_written_in_code():
    unexplained = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        if module == "_version.py":  # written by the build
            continue
        allowed = {**MECHANISM["*"], **MECHANISM.get(module, {})}
        unexplained += [
            f"{module}:{line}: {value!r}"
            for line, value in numbers_in(path)
            if value not in allowed
        ]
    assert unexplained == []


def test_every_explained_number_is_still_there():
    # An entry whose number left the code is removed, so the list stays the truth.
    present = {
        path.relative_to(PACKAGE).as_posix(): {value for _, value in numbers_in(path)}
        for path in PACKAGE.rglob("*.py")
    }
    stale = [
        f"{module}: {value!r}"
        for module, allowed in MECHANISM.items()
        if module != "*"
        for value in allowed
        if value not in present.get(module, set())
    ]
    assert stale == []

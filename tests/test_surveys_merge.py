"""A map-reduce of survey answers, as a state machine.

Answers arrive one by one, each to one of several partitions (workers); partitions
are merged into others at any time and in any order. Whatever happens, the tallies of
the partitions add up to the tally of every answer seen, and merging never creates
or loses an answer.
"""

from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from hubpartner.surveys import CesTally, NpsTally


class MapReduce(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[int] = []
        self.nps: dict[int, NpsTally] = {}
        self.ces: dict[int, CesTally] = {}

    workers = Bundle("workers")

    @rule(target=workers, worker=st.integers(0, 1000))
    def start(self, worker):
        self.nps.setdefault(worker, NpsTally())
        self.ces.setdefault(worker, CesTally())
        return worker

    @rule(worker=workers, answers=st.lists(st.integers(0, 10), max_size=20))
    def count(self, worker, answers):
        if worker not in self.nps:
            return
        self.nps[worker] = self.nps[worker] + NpsTally.from_scores(answers)
        ces_answers = [1 + a % 7 for a in answers]
        self.ces[worker] = self.ces[worker] + CesTally.from_scores(ces_answers)
        self.seen.extend(answers)

    @rule(source=workers, into=workers)
    def merge(self, source, into):
        if source == into or source not in self.nps or into not in self.nps:
            return
        self.nps[into] = self.nps.pop(source) + self.nps[into]
        self.ces[into] = self.ces[into] + self.ces.pop(source)

    @invariant()
    def partitions_add_up_to_everything_seen(self):
        total = sum(self.nps.values(), NpsTally())
        assert total == NpsTally.from_scores(self.seen)
        assert sum(self.ces.values(), CesTally()) == CesTally.from_scores(
            [1 + a % 7 for a in self.seen]
        )

    @invariant()
    def the_score_exists_exactly_when_something_was_answered(self):
        total = sum(self.nps.values(), NpsTally())
        assert (total.n > 0) == bool(self.seen)
        if self.seen:
            promoters = sum(a >= 9 for a in self.seen)
            detractors = sum(a <= 6 for a in self.seen)
            assert total.score * len(self.seen) == 100 * (promoters - detractors)


TestMapReduce = MapReduce.TestCase

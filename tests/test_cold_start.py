"""The garbage-collection setting of one build is the build's own: restored afterwards
(tests and other callers run builds in a long-lived process)."""

from __future__ import annotations

import gc

from brochure.cli import _one_build_gc


def test_one_build_gc_is_restored_afterwards():
    before = gc.get_threshold()
    assert gc.get_freeze_count() == 0
    try:
        with _one_build_gc():
            assert gc.get_threshold()[0] == 10_000
            assert gc.get_freeze_count() > 0
            raise KeyboardInterrupt  # an interrupted build restores it too
    except KeyboardInterrupt:
        pass
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_one_build_gc_leaves_a_callers_frozen_objects_frozen():
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with _one_build_gc():
            pass
        # Not unfrozen (that would make it 0); a frozen object that another thread of the test
        # process (pytest-xdist's) let go of may have left meanwhile.
        assert gc.get_freeze_count() >= frozen - 100
    finally:
        gc.unfreeze()

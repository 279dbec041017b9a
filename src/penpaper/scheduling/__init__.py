"""When to practise what: the learner day, grading, the FSRS memory model, recording, queues.

Dependencies run one way: ``days`` and ``grading`` need only records and
settings; ``memory`` wraps FSRS; ``recording`` writes an attempt with its
rating; ``queues`` reads cards and ratings to choose what comes next.
"""

"""The figures of ``penpaper stats`` and of a drill's summary, as plain data.

``topics`` says where each topic stands (mastery, rating); ``figures``
computes everything ``penpaper stats`` shows. Drawing them is ``terminal``'s job.
"""

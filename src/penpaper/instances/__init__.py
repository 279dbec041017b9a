"""Parameterised exercises: instances drawn from a seed, their templates filled exactly.

An exercise with ``parameters:`` is a family; :func:`~penpaper.instances.instantiate.instance_of`
draws the values for a seed (:mod:`drawing`), fills every template
(:mod:`templates`, with expressions read by the checker's own parser in
:mod:`expressions` and computed exactly in :mod:`values`) and returns an
ordinary exercise. :mod:`validation` draws many instances and judges each one's
keys, for ``penpaper validate`` and the bank's tests. Nothing here loads sympy
or numpy: showing an instance is a read path.
"""

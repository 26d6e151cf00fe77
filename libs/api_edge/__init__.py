"""HTTP edge conventions every reimpiego API shares: RFC 9457 problem details and correlation ids.

Kept apart from the event backbone on purpose: this is the HTTP contract, not the event one.
"""

from api_edge.correlation import CorrelationMiddleware
from api_edge.problems import Problem, install_problem_handlers

__all__ = ["CorrelationMiddleware", "Problem", "install_problem_handlers"]

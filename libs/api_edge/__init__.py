"""HTTP edge conventions every reimpiego API shares: RFC 9457 problem details, correlation ids,
bearer-token authentication and roles, the audit log, ETag/If-Match and Idempotency-Key.

Kept apart from the event backbone on purpose: this is the HTTP contract, not the event one.
"""

from api_edge.correlation import CorrelationMiddleware
from api_edge.edge import GRACEFUL_SHUTDOWN_SECONDS, install_edge, open_edge_stores
from api_edge.problems import Problem, install_problem_handlers

__all__ = [
    "GRACEFUL_SHUTDOWN_SECONDS",
    "CorrelationMiddleware",
    "Problem",
    "install_edge",
    "install_problem_handlers",
    "open_edge_stores",
]

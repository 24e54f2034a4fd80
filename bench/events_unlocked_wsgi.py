"""The benchmark's baseline server: the same application with the seat lock switched off.

Only the benchmark imports this module; it passes the registration service's ``lock``
parameter, which no production code path sets, to show what the lock prevents.
"""

import functools
import importlib

# The WSGI module sets Django up; only then may the service module be imported.
application = importlib.import_module("verbund.wsgi").application
registration = importlib.import_module("verbund.events.services.registration")
registration.register = functools.partial(registration.register, lock=False)

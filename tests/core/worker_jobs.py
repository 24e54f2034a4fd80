"""Job types for the tests that run a real worker process (imported there and here).

``tests.slow`` works in small steps and notes each one in a file (so that the test knows
when to kill the worker); ``tests.mail_slowly`` "mails" recipients one by one through
``jobs.deliver_once`` (the way every mail job records whom it served) into an outbox file.
"""

import time
from pathlib import Path

from verbund.core.services import jobs


@jobs.register("tests.slow")
def slow(job, progress):
    steps = job.params["steps"]
    for step in range(steps):
        progress(step / steps, "Schritt")
        with Path(job.params["marker"]).open("a") as marker:
            marker.write(f"{job.attempts}\n")
        time.sleep(job.params["pause"])
    return {"steps": steps}


@jobs.register("tests.mail_slowly")
def mail_slowly(job, progress):
    outbox = Path(job.params["outbox"])
    recipients = job.params["recipients"]
    for number, recipient in enumerate(recipients):
        time.sleep(job.params["pause"])

        def send(recipient=recipient):
            with outbox.open("a") as mails:
                mails.write(recipient + "\n")
            return True

        jobs.deliver_once(job, recipient, send)
        progress((number + 1) / len(recipients), "Versand")
    return {"recipients": len(recipients)}

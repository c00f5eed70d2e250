"""Celery tasks of jobs; they take ids and may run twice without harm."""

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def run_job(job_pk: int) -> str:
    """Run one job unless it is finished or running (see services.run_job)."""
    return services.run_job(job_pk)


@shared_task(acks_late=True)
def sweep_jobs() -> int:
    """Restart lost jobs and delete expired files; run by beat."""
    return len(services.sweep()) + services.delete_expired_results()

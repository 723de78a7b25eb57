"""Background work of the community app, run by the task worker (`manage.py db_worker`)."""

from django_tasks import task

from community import notifications


@task()
def email_notifications(notification_ids: list[int]) -> int:
    """E-mail these notifications to the recipients who want them at once (see `notifications`)."""
    return notifications.send_immediate_emails(notification_ids)

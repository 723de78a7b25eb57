"""What happened to people and places, for the apps above community (ideas) to hear about.

Sent inside the service's transaction, so what a receiver writes commits or rolls back with it.
"""

from django.dispatch import Signal

membership_ended = Signal()  # user, space_id: the person no longer belongs to the space

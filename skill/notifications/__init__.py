"""Withings data-update notifications: the callback route, its per-user secret, the subscriptions.

Withings POSTs an unsigned form (`userid`, `appli`, `startdate`, `enddate`) to the callback URL a
user was subscribed with. The URL carries a MAC of that userid, so only a sender that knows the URL
registered for this Withings user can invalidate their cache (docs/cache-and-notifications.md).
"""

"""How a webhook delivery is signed, so its receiver can tell it came from us, unaltered.

The signature covers the timestamp as well as the body: a receiver that rejects old
timestamps cannot be fooled by a replayed delivery.
"""

import hashlib
import hmac


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """`X-Groundswell-Signature`: "sha256=" + hex HMAC-SHA256 of "<timestamp>.<body>" keyed with `secret`."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"

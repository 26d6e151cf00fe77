"""Email over SMTP with aiosmtplib; the Message-ID is the delivery id, stable across retries, and
informational messages carry a List-Unsubscribe header (RFC 2369/8058)."""

from __future__ import annotations

from email.message import EmailMessage

import aiosmtplib

from notifications.config import Settings
from notifications.messages import RenderedEmail


class SmtpSender:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def message_id(self, delivery_id: str) -> str:
        return f"<{delivery_id}@{self._settings.message_id_domain}>"

    def build(self, delivery_id: str, to: str, email: RenderedEmail,
              unsubscribe_url: str | None = None) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self._settings.mail_from
        message["To"] = to
        message["Subject"] = email.subject
        message["Message-ID"] = self.message_id(delivery_id)
        if unsubscribe_url:
            message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
            message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        message.set_content(email.text)
        message.add_alternative(email.html, subtype="html")
        return message

    async def send(self, delivery_id: str, to: str, email: RenderedEmail,
                   unsubscribe_url: str | None = None) -> str:
        message = self.build(delivery_id, to, email, unsubscribe_url)
        password = self._settings.smtp_password
        await aiosmtplib.send(
            message,
            hostname=self._settings.smtp_host,
            port=self._settings.smtp_port,
            username=self._settings.smtp_username,
            password=password.get_secret_value() if password else None,
            start_tls=self._settings.smtp_starttls,
            timeout=self._settings.outgoing_timeout_seconds,
        )
        return str(message["Message-ID"])

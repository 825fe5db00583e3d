package dev.steward.notify;

/** How an email channel secures its SMTP connection. */
public enum SmtpSecurity {
	/** Plain SMTP (only for a relay on a trusted network). */
	NONE,
	/** Plain connection upgraded with STARTTLS, which is required. */
	STARTTLS,
	/** TLS from the first byte (SMTPS, usually port 465). */
	SSL
}

package dev.steward.notify.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import dev.steward.notify.ChannelType;
import dev.steward.notify.SmtpSecurity;
import dev.steward.shared.InvalidInput;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Sends one message over one channel, time-bounded ({@code steward.notify.timeout} for connecting and for the whole
 * exchange), re-checking the target against the host rule first. HTTP redirects are not followed (a redirect could
 * lead past the host rule). Failures never carry the URL, a token or a password.
 */
@Component
class ChannelSender {

	static final String SIGNATURE_HEADER = "X-Steward-Signature";

	private final NotifyProperties properties;

	private final TargetRules targets;

	private final HttpClient http;

	private static final Executor READERS = Executors.newVirtualThreadPerTaskExecutor();

	ChannelSender(NotifyProperties properties, TargetRules targets) {
		this.properties = properties;
		this.targets = targets;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	void send(Channel channel, Message message) throws DeliveryFailed {
		try {
			if (channel.type() == ChannelType.EMAIL) {
				email(channel, message);
			}
			else {
				post(channel, message);
			}
		}
		catch (InvalidInput e) {
			throw new DeliveryFailed("Refused by the host rule: " + String.join("; ", e.fieldErrors().values()));
		}
	}

	private void post(Channel channel, Message message) throws DeliveryFailed {
		Channel.Secrets secrets = channel.secrets();
		String body;
		URI uri;
		if (channel.type() == ChannelType.TELEGRAM) {
			if (secrets.botToken() == null) {
				throw new DeliveryFailed("The channel has no bot token (enter it again)");
			}
			String api = secrets.url() == null ? ChannelRules.TELEGRAM_API : secrets.url();
			targets.url("url", api);
			uri = URI.create(api.replaceAll("/+$", "") + "/bot" + secrets.botToken() + "/sendMessage");
			body = Payloads.body(ChannelType.TELEGRAM, message, String.valueOf(channel.settings().chatId()));
		}
		else {
			if (secrets.url() == null) {
				throw new DeliveryFailed("The channel has no URL (enter it again)");
			}
			uri = targets.url("url", secrets.url());
			body = Payloads.body(channel.type(), message, "");
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(properties.timeout())
			.header("Content-Type", "application/json; charset=utf-8")
			.header("User-Agent", "Steward")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (channel.type() == ChannelType.WEBHOOK) {
			request.header("X-Steward-Topic", message.topic().name());
			if (secrets.secret() != null) {
				request.header(SIGNATURE_HEADER, "sha256=" + hmac(secrets.secret(), body));
			}
		}
		Answer answer = exchange(request.build());
		if (answer.status() / 100 != 2) {
			throw new DeliveryFailed(uri.getHost() + " answered HTTP " + answer.status()
					+ (answer.body().isEmpty() ? "" : ": " + answer.body()));
		}
	}

	private record Answer(int status, String body) {
	}

	/**
	 * The status and the first 2 KB of the body, all within the timeout: the client's own timeout only bounds the wait
	 * for the headers, and a server that trickles its body must not hold up the deliveries behind it.
	 */
	private Answer exchange(HttpRequest request) throws DeliveryFailed {
		CompletableFuture<Answer> call = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
			.thenApplyAsync(response -> {
				try (InputStream in = response.body()) {
					String body = new String(in.readNBytes(2048), StandardCharsets.UTF_8).strip();
					return new Answer(response.statusCode(), Payloads.cut(body, 200));
				}
				catch (IOException e) {
					return new Answer(response.statusCode(), "");
				}
			}, READERS);
		try {
			return call.get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException e) {
			call.cancel(true);
			throw new DeliveryFailed("No answer within " + properties.timeout().toSeconds() + " s");
		}
		catch (ExecutionException e) {
			if (e.getCause() instanceof HttpTimeoutException) {
				throw new DeliveryFailed("No answer within " + properties.timeout().toSeconds() + " s");
			}
			throw new DeliveryFailed("Could not reach " + request.uri().getHost() + ": " + describe(e.getCause()));
		}
		catch (InterruptedException e) {
			call.cancel(true);
			Thread.currentThread().interrupt();
			throw new DeliveryFailed("Interrupted");
		}
	}

	static String hmac(String secret, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 is unavailable", e);
		}
	}

	private void email(Channel channel, Message message) throws DeliveryFailed {
		Channel.Settings s = channel.settings();
		if (s.smtpHost() == null || s.mailFrom() == null || s.recipients().isEmpty()) {
			throw new DeliveryFailed("The channel's SMTP settings are incomplete");
		}
		targets.host("smtpHost", s.smtpHost());
		JavaMailSenderImpl mail = sender(s, channel.secrets().smtpPassword());
		try {
			MimeMessage mime = mail.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
			helper.setFrom(s.mailFrom());
			helper.setTo(s.recipients().toArray(String[]::new));
			helper.setSubject(Payloads.cut(message.title(), 200));
			helper.setText(message.text(), false);
			mail.send(mime);
		}
		catch (MessagingException | MailException e) {
			throw new DeliveryFailed("SMTP " + s.smtpHost() + ":" + s.smtpPort() + ": " + describe(e));
		}
	}

	/** A sender for this channel only (never the auto-configured one, which the packaged jar decides at build time). */
	private JavaMailSenderImpl sender(Channel.Settings s, @org.jspecify.annotations.Nullable String password) {
		JavaMailSenderImpl mail = new JavaMailSenderImpl();
		SmtpSecurity security = s.smtpSecurity() == null ? SmtpSecurity.STARTTLS : s.smtpSecurity();
		String protocol = security == SmtpSecurity.SSL ? "smtps" : "smtp";
		mail.setProtocol(protocol);
		mail.setHost(s.smtpHost());
		mail.setPort(s.smtpPort() == null ? 587 : s.smtpPort());
		mail.setDefaultEncoding("UTF-8");
		Properties p = new Properties();
		String millis = String.valueOf(properties.timeout().toMillis());
		String prefix = "mail." + protocol + ".";
		p.setProperty(prefix + "connectiontimeout", millis);
		p.setProperty(prefix + "timeout", millis);
		p.setProperty(prefix + "writetimeout", millis);
		p.setProperty(prefix + "ssl.checkserveridentity", "true");
		if (security == SmtpSecurity.STARTTLS) {
			p.setProperty(prefix + "starttls.enable", "true");
			p.setProperty(prefix + "starttls.required", "true");
		}
		if (s.smtpUsername() != null) {
			mail.setUsername(s.smtpUsername());
			mail.setPassword(password);
			p.setProperty(prefix + "auth", "true");
		}
		mail.setJavaMailProperties(p);
		return mail;
	}

	private static String describe(Throwable e) {
		Throwable root = e;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String m = root.getMessage();
		return root.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + Payloads.cut(m, 300) + ")");
	}
}

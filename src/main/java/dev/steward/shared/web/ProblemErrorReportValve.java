package dev.steward.shared.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;

import jakarta.servlet.ServletException;

/**
 * Tomcat's last word on a request, in place of its HTML error page: requests the connector refuses before
 * Spring sees them ({@code %2F}, {@code %00}, oversized headers, bad characters) get a problem body. It also
 * cuts the connection of a response marked by {@link CutConnection}.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		super.invoke(request, response);
		if (response.isCommitted() && CutConnection.requested(request)) {
			// no further bytes, no final chunk: the client must not take what it got for the whole body
			response.getCoyoteResponse().action(ActionCode.CLOSE_NOW, null);
		}
	}

	@Override
	protected void report(Request request, Response response, @Nullable Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(true);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(ContainerProblems.json(status));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException e) {
			// the client is gone or the response cannot take a body: nothing more to do
		}
	}
}

package dev.gathercopy.web.problem;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.MediaType;

/**
 * Tomcat's error report for requests it refuses itself, before any servlet sees them (a malformed request line or
 * header, an encoded NUL or backslash in the path), written as a problem instead of an HTML page.
 */
class ProblemErrorReportValve extends ErrorReportValve {

	private final GenericProblem problems;

	ProblemErrorReportValve(GenericProblem problems) {
		this.problems = problems;
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		String detail = (status < 500) ? "the server refused the request before it reached the API"
				: "the server could not handle the request";
		String body = new String(this.problems.body(status, detail), StandardCharsets.UTF_8);
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response is already on its way: nothing more to tell
		}
	}

}

package dev.gathercopy.web.problem;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Boot's error page, answered as a problem whatever the request accepts: errors that escape Spring MVC (a filter's, a
 * servlet's) reach it. Asked for directly, it is a resource that does not exist.
 */
@Controller
class ProblemErrorController implements ErrorController {

	private final GenericProblem problems;

	ProblemErrorController(GenericProblem problems) {
		this.problems = problems;
	}

	@RequestMapping("${server.error.path:${error.path:/error}}")
	void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = (code instanceof Integer value && value >= 400) ? value : 404;
		String detail = (code == null) ? "no such resource" : "the request could not be served";
		response.resetBuffer();
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(this.problems.body(status, detail));
	}

}

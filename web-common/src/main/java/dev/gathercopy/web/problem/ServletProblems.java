package dev.gathercopy.web.problem;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

/** Problem answers written straight to the servlet response, by filters that refuse a request before Spring MVC. */
public final class ServletProblems {

	private ServletProblems() {
	}

	/** Answers with the problem's status and body: its type, title, status, detail, the instance, its properties. */
	public static void write(HttpServletResponse response, JsonMapper json, ProblemException refused, String instance)
			throws IOException {
		ProblemKind kind = refused.kind();
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", kind.type().toString());
		problem.put("title", kind.title());
		problem.put("status", kind.status());
		problem.put("detail", refused.getMessage());
		problem.put("instance", instance);
		problem.putAll(refused.properties());
		response.setStatus(kind.status());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(json.writeValueAsBytes(problem));
	}

}

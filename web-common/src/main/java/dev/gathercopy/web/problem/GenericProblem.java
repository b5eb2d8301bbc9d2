package dev.gathercopy.web.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

/** The problem body for an error known only by its status: refused by Tomcat, or reaching the error page. */
record GenericProblem(JsonMapper json, ProblemTypes types) {

	byte[] body(int status, String detail) {
		HttpStatus known = HttpStatus.resolve(status);
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", this.types.generic(status).toString());
		problem.put("title", (known != null) ? known.getReasonPhrase() : "Error");
		problem.put("status", status);
		problem.put("detail", detail);
		return this.json.writeValueAsBytes(problem);
	}

}

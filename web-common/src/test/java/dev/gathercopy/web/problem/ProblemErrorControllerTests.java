package dev.gathercopy.web.problem;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The error page answers problems whatever the request accepts, and is itself a resource that does not exist. */
class ProblemErrorControllerTests {

	private final ProblemErrorController controller = new ProblemErrorController(
			new GenericProblem(JsonMapper.builder().build(), TestKind.TYPES));

	@Test
	void anErrorKeepsItsStatusAndIsAProblem() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
		request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 503);
		request.addHeader("Accept", "text/html");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.controller.error(request, response);
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getContentAsString()).contains("\"type\":\"https://example.test/problems/unavailable\"");
	}

	@Test
	void askedForDirectlyItIsNotFound() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.controller.error(new MockHttpServletRequest("GET", "/error"), response);
		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(response.getContentAsString()).contains("\"type\":\"https://example.test/problems/not-found\"")
			.contains("\"detail\":\"no such resource\"");
	}

}

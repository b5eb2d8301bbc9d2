package dev.gathercopy.web.problem;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** A filter's problem carries the standard members in order, then the refusal's own properties. */
class ServletProblemsTests {

	@Test
	void writesTheStatusTheTypeAndTheStandardMembersThenTheProperties() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		ServletProblems.write(response, JsonMapper.builder().build(),
				new ProblemException(TestKind.GONE, "it went away").with("id", 7L), "/api/v1/x");
		assertThat(response.getStatus()).isEqualTo(410);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getContentAsString()).isEqualTo("{\"type\":\"https://example.test/problems/gone\","
				+ "\"title\":\"Gone\",\"status\":410,\"detail\":\"it went away\",\"instance\":\"/api/v1/x\",\"id\":7}");
	}

}

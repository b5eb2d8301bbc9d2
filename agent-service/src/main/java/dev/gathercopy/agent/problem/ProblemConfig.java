package dev.gathercopy.agent.problem;

import dev.gathercopy.web.problem.ProblemResponses;
import dev.gathercopy.web.problem.ProblemTypes;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Answers the errors that never reach Spring MVC as problems of the agent API's types. */
@Configuration(proxyBeanMethods = false)
@Import(ProblemResponses.class)
class ProblemConfig {

	@Bean
	ProblemTypes problemTypes() {
		return ProblemKind.TYPES;
	}

}

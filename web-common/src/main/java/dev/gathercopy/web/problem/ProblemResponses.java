package dev.gathercopy.web.problem;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Answers errors that never reach Spring MVC as problems too: those Tomcat refuses itself and those that reach Boot's
 * error page. A service imports it and declares its {@link ProblemTypes} as a bean.
 */
@Configuration(proxyBeanMethods = false)
public class ProblemResponses {

	@Bean
	ProblemErrorController problemErrorController(JsonMapper json, ProblemTypes types) {
		return new ProblemErrorController(json, types);
	}

	@Bean
	ProblemPages problemPages(JsonMapper json, ProblemTypes types) {
		return new ProblemPages(json, types);
	}

}

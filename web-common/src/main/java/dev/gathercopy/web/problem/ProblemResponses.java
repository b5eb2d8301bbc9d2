package dev.gathercopy.web.problem;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Answers errors that never reach Spring MVC as problems too, of the types of the service's {@link ProblemHandler}:
 * those Tomcat refuses itself and those that reach Boot's error page. The service's handler imports it.
 */
@Configuration(proxyBeanMethods = false)
public class ProblemResponses {

	@Bean
	ProblemErrorController problemErrorController(JsonMapper json, ProblemHandler handler) {
		return new ProblemErrorController(new GenericProblem(json, handler.types()));
	}

	@Bean
	ProblemPages problemPages(JsonMapper json, ProblemHandler handler) {
		return new ProblemPages(new GenericProblem(json, handler.types()));
	}

}

package dev.gathercopy.storage.limits;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LimitsConfig {

	@Bean
	FilterRegistrationBean<JsonBodyLimit> jsonBodyLimit(RequestLimits limits, JsonMapper json) {
		FilterRegistrationBean<JsonBodyLimit> registration = new FilterRegistrationBean<>(new JsonBodyLimit(limits, json));
		registration.addUrlPatterns("/api/*");
		return registration;
	}

}

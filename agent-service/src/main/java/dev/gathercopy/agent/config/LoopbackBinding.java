package dev.gathercopy.agent.config;

import java.net.InetAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/** Binds the server to loopback when no bearer token is configured, so an open service is never reachable from afar. */
@Component
class LoopbackBinding implements WebServerFactoryCustomizer<ConfigurableWebServerFactory> {

	private static final Logger log = LoggerFactory.getLogger(LoopbackBinding.class);

	private final AgentProperties properties;

	LoopbackBinding(AgentProperties properties) {
		this.properties = properties;
	}

	@Override
	public void customize(ConfigurableWebServerFactory factory) {
		if (!this.properties.auth().enabled()) {
			log.warn("No agent.auth.tokens configured: the API is open, so the server listens on loopback only");
			factory.setAddress(InetAddress.getLoopbackAddress());
		}
	}

}

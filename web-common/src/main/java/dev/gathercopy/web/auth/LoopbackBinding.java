package dev.gathercopy.web.auth;

import java.net.InetAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/** Binds the server to loopback when no bearer token is configured, so an open service is never reachable from afar. */
class LoopbackBinding implements WebServerFactoryCustomizer<ConfigurableWebServerFactory> {

	private static final Logger log = LoggerFactory.getLogger(LoopbackBinding.class);

	private final AuthProperties auth;

	private final String prefix;

	LoopbackBinding(AuthProperties auth, String prefix) {
		this.auth = auth;
		this.prefix = prefix;
	}

	@Override
	public void customize(ConfigurableWebServerFactory factory) {
		if (!this.auth.enabled()) {
			log.warn("No {}.tokens configured: the API is open, so the server listens on loopback only", this.prefix);
			factory.setAddress(InetAddress.getLoopbackAddress());
		}
	}

}

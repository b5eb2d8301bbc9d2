package dev.gathercopy.storage.config;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Lets {@code %2F} through in request paths, so that a file path sent as one encoded segment (as Swagger UI sends
 * path parameters) reaches the controller, which decodes it and validates it like any other path. Tomcat rejects
 * encoded slashes by default.
 */
@Component
class EncodedSlashPassthrough implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addConnectorCustomizers((connector) -> connector.setEncodedSolidusHandling("passthrough"));
	}

}

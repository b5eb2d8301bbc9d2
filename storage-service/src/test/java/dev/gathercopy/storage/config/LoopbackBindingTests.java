package dev.gathercopy.storage.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class LoopbackBindingTests {

	@Test
	void bindsToLoopbackWhenNoTokenIsConfigured() {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
		new LoopbackBinding(properties(List.of())).customize(factory);
		assertThat(factory.getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
	}

	@Test
	void leavesTheAddressAloneWithTokens() {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
		new LoopbackBinding(properties(List.of(new StorageProperties.Token("a", "0123456789abcdef0", ""))))
			.customize(factory);
		assertThat(factory.getAddress()).isNull();
	}

	@Test
	void tokenToStringHidesTheSecret() {
		assertThat(new StorageProperties.Token("ci", "0123456789abcdef-secret", "x/").toString())
			.doesNotContain("secret");
	}

	private static StorageProperties properties(List<StorageProperties.Token> tokens) {
		return new StorageProperties(Path.of("."),
				new StorageProperties.Limits(1, DataSize.ofBytes(1), DataSize.ofBytes(1), 1),
				new StorageProperties.Handles(Duration.ofMinutes(1), Duration.ofMinutes(1)),
				new StorageProperties.Auth(tokens));
	}

}

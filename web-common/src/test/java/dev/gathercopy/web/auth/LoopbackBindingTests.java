package dev.gathercopy.web.auth;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class LoopbackBindingTests {

	@Test
	void bindsToLoopbackWhenNoTokenIsConfigured() {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
		new LoopbackBinding(new AuthProperties(List.of()), "test.auth").customize(factory);
		assertThat(factory.getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
	}

	@Test
	void leavesTheAddressAloneWithTokens() {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
		new LoopbackBinding(new AuthProperties(List.of(new AuthProperties.Token("a", "0123456789abcdef0", ""))),
				"test.auth")
			.customize(factory);
		assertThat(factory.getAddress()).isNull();
	}

	@Test
	void tokenToStringHidesTheSecret() {
		assertThat(new AuthProperties.Token("ci", "0123456789abcdef-secret", "x/").toString())
			.doesNotContain("secret");
	}

}

package dev.gathercopy.agent.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import dev.gathercopy.web.auth.AuthProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Settings under {@code agent.*}, checked at start-up. */
@ConfigurationProperties("agent")
@Validated
public record AgentProperties(@NotNull @DefaultValue("./data/agent") Path workspace, @Valid @DefaultValue Storage storage,
		@Valid @DefaultValue Push push, @Valid @DefaultValue AuthProperties auth) {

	/**
	 * Where the storage service is and how to talk to it; {@code sslBundle} names the Boot SSL bundle whose trust
	 * material an {@code https} URL is checked against (the JDK's default trust store without one).
	 */
	public record Storage(@NotNull @DefaultValue("http://127.0.0.1:8080") URI url, String token,
			@NotNull @DefaultValue("5s") Duration connectTimeout, @NotNull @DefaultValue("10m") Duration readTimeout,
			String sslBundle) {

		@AssertTrue(message = "an SSL bundle is only used with an https URL") boolean isSslBundleForHttps() {
			return this.sslBundle == null || this.sslBundle.isBlank() || this.url == null
					|| "https".equals(this.url.getScheme());
		}

		@AssertTrue(message = "must be an http or https URL") boolean isUrlHttp() {
			return this.url == null
					|| ("http".equals(this.url.getScheme()) || "https".equals(this.url.getScheme())) && this.url.getHost() != null;
		}

		@AssertTrue(message = "must be positive") boolean isTimeoutsPositive() {
			return (this.connectTimeout == null || this.connectTimeout.toMillis() > 0)
					&& (this.readTimeout == null || this.readTimeout.toMillis() > 0);
		}

		@Override
		public String toString() {
			return "Storage[url=" + this.url + ", token=" + ((this.token != null) ? "(set)" : "(none)") + ", sslBundle="
					+ this.sslBundle + "]";
		}

	}

	/** How pushes behave. */
	public record Push(@DefaultValue("true") boolean verify) {
	}

}

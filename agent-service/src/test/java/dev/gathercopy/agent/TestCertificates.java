package dev.gathercopy.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate authority and a server certificate for 127.0.0.1 and localhost that it signed, made at test
 * time with the running JDK's {@code keytool} and written as PEM files for Boot's SSL bundles.
 */
public final class TestCertificates {

	private static final String PASSWORD = "changeit";

	private final Path dir;

	private TestCertificates(Path dir) {
		this.dir = dir;
	}

	public static TestCertificates create(Path dir) throws IOException, InterruptedException {
		Files.createDirectories(dir);
		TestCertificates certificates = new TestCertificates(dir);
		certificates.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=Gathercopy test CA", "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
		certificates.keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=localhost", "-validity", "2", "-keystore", "server.p12");
		certificates.keytool("-certreq", "-alias", "server", "-keystore", "server.p12", "-file", "server.csr");
		certificates.keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "server.csr", "-outfile",
				"server.crt", "-rfc", "-validity", "2", "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext",
				"eku=serverAuth", "-ext", "ku:c=digitalSignature");
		certificates.keytool("-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-rfc", "-file", "ca.crt");
		Files.writeString(dir.resolve("chain.crt"),
				Files.readString(dir.resolve("server.crt")) + Files.readString(dir.resolve("ca.crt")));
		certificates.writePrivateKey();
		return certificates;
	}

	/** The CA's certificate (PEM): what a client that trusts the servers is given. */
	public Path caCertificate() {
		return this.dir.resolve("ca.crt");
	}

	/** The server certificate followed by the CA's (PEM). */
	public Path serverChain() {
		return this.dir.resolve("chain.crt");
	}

	/** The server's private key (PKCS#8 PEM). */
	public Path serverKey() {
		return this.dir.resolve("server.key");
	}

	/** The properties of a PEM server bundle called {@code name}, as {@code key=value}. */
	public List<String> serverBundle(String name) {
		return List.of("spring.ssl.bundle.pem." + name + ".keystore.certificate=file:" + serverChain(),
				"spring.ssl.bundle.pem." + name + ".keystore.private-key=file:" + serverKey());
	}

	/** A client context that trusts this CA only. */
	public SSLContext trustingContext() throws Exception {
		KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
		trust.load(null, null);
		try (InputStream in = Files.newInputStream(caCertificate())) {
			trust.setCertificateEntry("ca", (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(in));
		}
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, factory.getTrustManagers(), null);
		return context;
	}

	private void writePrivateKey() throws IOException {
		try (InputStream in = Files.newInputStream(this.dir.resolve("server.p12"))) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(in, PASSWORD.toCharArray());
			byte[] key = store.getKey("server", PASSWORD.toCharArray()).getEncoded();
			Files.writeString(this.dir.resolve("server.key"), "-----BEGIN PRIVATE KEY-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key) + "\n-----END PRIVATE KEY-----\n");
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IOException(ex);
		}
	}

	private void keytool(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-noprompt"));
		Process process = new ProcessBuilder(command).directory(this.dir.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (process.waitFor() != 0) {
			throw new IllegalStateException("keytool " + String.join(" ", arguments) + " failed: " + output);
		}
	}

}

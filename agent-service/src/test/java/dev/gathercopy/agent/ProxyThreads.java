package dev.gathercopy.agent;

import java.io.IOException;
import java.net.Socket;

/** The threads and sockets of the test proxies: daemon threads that never keep a test JVM alive, quiet closes. */
final class ProxyThreads {

	private ProxyThreads() {
	}

	static Thread daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}

package dev.gathercopy.agent.workingcopy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs the rebuilds of bases after landed pushes on their own threads, so that a push answers once its commit landed.
 * A rebuild cut short by a stop or a crash is finished by the next request on its working copy.
 */
@Component
class BackgroundRebases implements DisposableBean {

	private final AtomicInteger threads = new AtomicInteger();

	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "rebase-" + this.threads.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	});

	void submit(Runnable task) {
		this.executor.execute(task);
	}

	@Override
	public void destroy() throws InterruptedException {
		this.executor.shutdown();
		this.executor.awaitTermination(30, TimeUnit.SECONDS);
	}

}

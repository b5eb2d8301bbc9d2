package dev.gathercopy.storage.handle;

import java.io.IOException;
import java.time.Instant;

import dev.gathercopy.storage.config.StorageProperties;
import dev.gathercopy.storage.file.FileStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/** Removes expired handles and abandoned uploads, at start-up and then every sweep interval. */
@Component
class Sweeper {

	private static final Logger log = LoggerFactory.getLogger(Sweeper.class);

	private final HandleStore handles;

	private final FileStore files;

	private final StorageProperties properties;

	private final TaskScheduler scheduler;

	Sweeper(HandleStore handles, FileStore files, StorageProperties properties, TaskScheduler scheduler) {
		this.scheduler = scheduler;
		this.handles = handles;
		this.files = files;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		this.scheduler.scheduleWithFixedDelay(this::sweep, this.properties.handles().sweepInterval());
	}

	void sweep() {
		try {
			int handles = this.handles.sweep();
			int uploads = this.files.sweepUploads(Instant.now().minus(this.properties.handles().ttl()));
			if (handles + uploads > 0) {
				log.info("Swept {} expired handles and {} abandoned uploads", handles, uploads);
			}
		}
		catch (IOException ex) {
			log.warn("Sweep failed: {}", ex.toString());
		}
	}

}

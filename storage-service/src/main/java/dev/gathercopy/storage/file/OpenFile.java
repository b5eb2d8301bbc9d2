package dev.gathercopy.storage.file;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;

/** An open file together with the info of exactly the version it reads. */
public record OpenFile(FileChannel channel, FileInfo info) implements Closeable {

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

}

package dev.gathercopy.storage;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole storage service on a random port with its root in a fresh temporary folder shared by the tests of one
 * context; tests use paths of their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "storage.root=target/test-storage/${random.uuid}")
@AutoConfigureRestTestClient
public @interface StorageTest {

}

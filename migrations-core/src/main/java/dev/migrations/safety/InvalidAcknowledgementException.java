package dev.migrations.safety;

/** An acknowledgement that names an unknown check or gives no reason. */
public class InvalidAcknowledgementException extends IllegalArgumentException {

	public InvalidAcknowledgementException(String message) {
		super(message);
	}

}

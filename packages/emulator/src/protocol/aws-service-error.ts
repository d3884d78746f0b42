/**
 * An error the emulator answers with, in AWS's restJson1 error shape.
 * Throwing one anywhere in request handling turns into that HTTP response.
 */
export class AwsServiceError extends Error {
  readonly errorType: string;
  readonly status: number;

  constructor(errorType: string, status: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = errorType;
    this.errorType = errorType;
    this.status = status;
  }
}

export function validationError(message: string): AwsServiceError {
  return new AwsServiceError("ValidationException", 400, message);
}

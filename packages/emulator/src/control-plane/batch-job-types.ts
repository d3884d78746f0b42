/** The statuses GetModelInvocationJob can report. */
export type BatchJobStatus =
  | "Submitted"
  | "Validating"
  | "Scheduled"
  | "InProgress"
  | "Completed"
  | "PartiallyCompleted"
  | "Failed"
  | "Stopping"
  | "Stopped"
  | "Expired";

/** One JSONL input file, read when the job was created. */
export interface BatchInputFile {
  /** Full `s3://` URI of the file. */
  uri: string;
  /** File name only; the output is `<outputS3Uri>/<jobId>/<fileName>.out`. */
  fileName: string;
  /** Non-empty lines, unparsed. */
  lines: string[];
}

/** One CreateModelInvocationJob call and its progress. */
export interface BatchJob {
  jobArn: string;
  jobId: string;
  jobName: string;
  roleArn: string;
  /** The model id exactly as given; `servedModelId` is what it resolved to. */
  modelId: string;
  servedModelId: string;
  clientRequestToken?: string;
  fingerprint: string;
  status: BatchJobStatus;
  message?: string;
  submitTime: Date;
  lastModifiedTime: Date;
  endTime?: Date;
  jobExpirationTime: Date;
  timeoutDurationInHours: number;
  inputDataConfig: { s3InputDataConfig: { s3Uri: string; s3InputFormat?: string; s3BucketOwner?: string } };
  outputDataConfig: {
    s3OutputDataConfig: { s3Uri: string; s3EncryptionKeyId?: string; s3BucketOwner?: string };
  };
  inputFiles: BatchInputFile[];
  totalRecordCount: number;
  processedRecordCount: number;
  successRecordCount: number;
  errorRecordCount: number;
}

/**
 * The thread of surveyOnWorker (record-survey.ts): lists the records under the content folder it is given,
 * stats each, posts the survey (or the error it met) and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { surveyMessage, type SurveyMessage } from './record-survey.js';

const port = parentPort;
if (port === null) throw new Error('survey-worker.js runs as a worker thread of surveyOnWorker, not on its own');

let message: SurveyMessage;
try {
  message = surveyMessage(workerData as string);
} catch (error) {
  message = { error: error instanceof Error ? error.message : String(error) };
}
port.postMessage(message);

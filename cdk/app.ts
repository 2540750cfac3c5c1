import { App } from 'aws-cdk-lib';
import { defineDeployment } from './deployment.js';

defineDeployment(new App());

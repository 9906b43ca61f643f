import { MetricsReaders } from '../api-keys/access.decorator.js';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, register, Registry } from 'prom-client';
import { ReadModelsLagMeter } from '../read-models/read-models-lag.js';
import { AppendGroupMeter } from './append-group-meter.js';

collectDefaultMetrics({ register });

/** Prometheus metrics of the process, how far its read models stand behind the log, and its group commit: for admin keys, and the addresses in LEDGER_METRICS_FROM. */
@ApiExcludeController()
@MetricsReaders()
@Controller('metrics')
export class MetricsController {
  private readonly registry: Registry;

  constructor(lag: ReadModelsLagMeter, appendGroups: AppendGroupMeter) {
    this.registry = Registry.merge([register, lag.registry, appendGroups.registry]);
  }

  @Get()
  @Header('Content-Type', register.contentType)
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}

import { Module } from '@nestjs/common';
import { AuditTrailController } from './audit-trail/audit-trail.controller.js';
import { GetAuditTrailHandler } from './audit-trail/get-audit-trail.handler.js';
import { EventsController } from './raw-log/events.controller.js';

@Module({
  controllers: [AuditTrailController, EventsController],
  providers: [GetAuditTrailHandler],
})
export class AuditModule {}

import { Controller, Get, HttpCode, Injectable, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '@jiebang/auth';
import { Actor, Clock, NotFoundError, Notification, NOTIFICATION_TYPES, NotificationsRepository, NotificationType } from '@jiebang/domain';
import { PaginationQueryDto, ProblemDetails, UuidParam } from '@jiebang/platform';

export class NotificationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NOTIFICATION_TYPES }) type!: NotificationType;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) challengeId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) bidId!: string | null;
  @ApiProperty() message!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt!: string | null;
}

export class NotificationPageResponse {
  @ApiProperty({ type: [NotificationResponse] }) items!: NotificationResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

function toNotificationResponse(n: Notification): NotificationResponse {
  return {
    id: n.id,
    type: n.type,
    challengeId: n.challengeId,
    bidId: n.bidId,
    message: n.message,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: PaginationQueryDto): Promise<NotificationPageResponse> {
    const page = await this.notifications.listForUser(actor.userId, query.limit, query.cursor);
    return { items: page.items.map(toNotificationResponse), nextCursor: page.nextCursor };
  }

  async markRead(actor: Actor, id: string): Promise<NotificationResponse> {
    const found = await this.notifications.markRead(id, actor.userId, this.clock.now());
    if (!found) throw new NotFoundError('Notification');
    return toNotificationResponse(found);
  }
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: "The caller's notifications, newest first." })
  @ApiResponse({ status: 200, type: NotificationPageResponse })
  list(@CurrentActor() actor: Actor, @Query() query: PaginationQueryDto): Promise<NotificationPageResponse> {
    return this.notifications.list(actor, query);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of your notifications read.' })
  @ApiResponse({ status: 200, type: NotificationResponse })
  @ApiResponse({ status: 404, type: ProblemDetails })
  markRead(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<NotificationResponse> {
    return this.notifications.markRead(actor, id);
  }
}

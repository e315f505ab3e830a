import { Body, Controller, Get, Injectable, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@jiebang/auth';
import { TransactionHost } from '@jiebang/database';
import {
  Actor,
  Clock,
  EMPTY_PROFILE_CONTENT,
  EnterpriseProfile,
  EnterpriseProfileContent,
  EnterpriseProfilesRepository,
  ForbiddenError,
  NotFoundError,
  ProfileWithOrganization,
} from '@jiebang/domain';
import { ProblemDetails, UuidParam } from '@jiebang/platform';
import { Outbox } from '@jiebang/queue';
import { ProfileResponse, PutProfileDto } from './profile.dto';

function toProfileResponse({ organization, profile }: ProfileWithOrganization): ProfileResponse {
  const content = profile?.content() ?? EMPTY_PROFILE_CONTENT;
  return {
    organizationId: organization.id,
    name: organization.name,
    region: organization.region,
    size: organization.size,
    description: content.description,
    capabilities: content.capabilities,
    industries: content.industries,
    certifications: content.certifications,
    employeeCount: content.employeeCount,
    patents: content.patents.map((p) => ({ title: p.title, number: p.number, year: p.year })),
    pastProjects: content.pastProjects.map((p) => ({ title: p.title, description: p.description, year: p.year, client: p.client })),
    updatedAt: profile?.updatedAt.toISOString() ?? null,
  };
}

function merge(current: EnterpriseProfileContent, dto: PutProfileDto): EnterpriseProfileContent {
  return {
    description: dto.description ?? current.description,
    capabilities: dto.capabilities ?? current.capabilities,
    industries: dto.industries ?? current.industries,
    certifications: dto.certifications ?? current.certifications,
    employeeCount: dto.employeeCount !== undefined ? dto.employeeCount : current.employeeCount,
    patents: dto.patents?.map((p) => ({ title: p.title, number: p.number ?? null, year: p.year ?? null })) ?? current.patents,
    pastProjects:
      dto.pastProjects?.map((p) => ({ title: p.title, description: p.description, year: p.year, client: p.client ?? null })) ??
      current.pastProjects,
  };
}

@Injectable()
export class ProfilesService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly profiles: EnterpriseProfilesRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async own(actor: Actor): Promise<ProfileResponse> {
    return toProfileResponse(await this.ownOrganization(actor));
  }

  async replace(actor: Actor, dto: PutProfileDto): Promise<ProfileResponse> {
    const saved = await this.tx.run(async () => {
      const found = await this.ownOrganization(actor);
      const now = this.clock.now();
      const profile = found.profile ?? EnterpriseProfile.create(found.organization.id, EMPTY_PROFILE_CONTENT, now);
      profile.replace(merge(profile.content(), dto), now);
      await this.profiles.upsert(profile);
      await this.outbox.enqueue('rematch-enterprise', { organizationId: profile.organizationId });
      return { organization: found.organization, profile };
    });
    return toProfileResponse(saved);
  }

  async public(organizationId: string): Promise<ProfileResponse> {
    const found = await this.profiles.findSmeWithProfile(organizationId);
    if (!found) throw new NotFoundError('Enterprise profile');
    return toProfileResponse(found);
  }

  private async ownOrganization(actor: Actor): Promise<ProfileWithOrganization> {
    const found = actor.organizationId ? await this.profiles.findSmeWithProfile(actor.organizationId) : null;
    if (!found) throw new ForbiddenError('Only an SME account has an enterprise profile.');
    return found;
  }
}

@ApiTags('enterprise profiles')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ProblemDetails })
@Controller('api/v1')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Get('enterprise-profile')
  @Roles('sme')
  @ApiOperation({ summary: "The caller's own capability profile (empty lists before the first PUT)." })
  @ApiResponse({ status: 200, type: ProfileResponse })
  own(@CurrentActor() actor: Actor): Promise<ProfileResponse> {
    return this.profiles.own(actor);
  }

  @Put('enterprise-profile')
  @Roles('sme')
  @ApiOperation({ summary: 'Replace the fields carried (name belongs to the organization and is refused).' })
  @ApiResponse({ status: 200, type: ProfileResponse })
  replace(@CurrentActor() actor: Actor, @Body() body: PutProfileDto): Promise<ProfileResponse> {
    return this.profiles.replace(actor, body);
  }

  @Get('enterprise-profiles/:organizationId')
  @ApiOperation({ summary: 'The public profile of an SME (anyone signed in).' })
  @ApiResponse({ status: 200, type: ProfileResponse })
  @ApiResponse({ status: 404, type: ProblemDetails })
  public(@UuidParam('organizationId') organizationId: string): Promise<ProfileResponse> {
    return this.profiles.public(organizationId);
  }
}

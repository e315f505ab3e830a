import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { CurrentActor } from '@jiebang/auth';
import { Actor } from '@jiebang/domain';
import { ProblemDetails, Public } from '@jiebang/platform';
import { LoginDto, MeResponse, RegisterDto, SessionResponse } from './identity.dto';
import { IdentityService } from './identity.service';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly identity: IdentityService) {}

  @Post('register')
  @Public()
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: 'Register a lead, SME or reviewer (reviewers start pending). Throttled per IP and email.' })
  @ApiResponse({ status: 201, type: SessionResponse })
  @ApiResponse({ status: 409, type: ProblemDetails, description: 'EMAIL_TAKEN or ORGANIZATION_EXISTS' })
  @ApiResponse({ status: 429, type: ProblemDetails })
  register(@Body() body: RegisterDto): Promise<SessionResponse> {
    return this.identity.register(body);
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: 'Exchange email and password for an access token. Throttled per IP and email.' })
  @ApiResponse({ status: 200, type: SessionResponse })
  @ApiResponse({ status: 401, type: ProblemDetails, description: 'INVALID_CREDENTIALS' })
  login(@Body() body: LoginDto): Promise<SessionResponse> {
    return this.identity.login(body);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiResponse({ status: 200, type: MeResponse })
  me(@CurrentActor() actor: Actor): Promise<MeResponse> {
    return this.identity.me(actor);
  }
}

import { IsOptional, IsString, MaxLength } from 'class-validator';

/** `/search?q`: the words, or none yet (the form alone). */
export class SearchPageParams {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

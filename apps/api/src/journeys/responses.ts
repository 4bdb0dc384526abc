// Response fragments the journey routes share in the OpenAPI document.
import { ErrorSchema, json } from '../admin/common';

export const tags = ['journeys'];
export const staleDraft = { 409: json(ErrorSchema, 'The draft changed since you loaded it') } as const;

import {
  createComment,
  deleteComment,
  editComment,
  listAllComments,
  moderateComment,
  setSupport,
} from '../../api/comments.ts';
import type { CommentOps } from '../../components/debate/comment-ops.ts';

/** The debate components' server operations, for the scenario page to pass in. */
export const commentOps: CommentOps = {
  list: listAllComments,
  create: createComment,
  edit: editComment,
  remove: deleteComment,
  moderate: moderateComment,
  support: setSupport,
};
